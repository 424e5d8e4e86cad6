-- The e-mail address of a user, from the identity provider's token at each sign-in (OIDC); empty for local accounts.
-- 320 characters is the longest address the mail standards allow.
alter table app_user add column email varchar(320);
