package app.margin.corpus;

import app.margin.corpus.AttributeDtos.AttributesResult;
import app.margin.corpus.AttributeDtos.AttributesUpdate;
import app.margin.corpus.AttributeDtos.CaseView;
import app.margin.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/projects/{pid}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases and attributes")
public class CaseResource {
    private final AttributeService attributes;

    CaseResource(AttributeService attributes) {
        this.attributes = attributes;
    }

    @GET
    @Path("/cases")
    @Operation(summary = "Cases (participants) with their attributes and documents")
    public List<CaseView> cases(@PathParam("pid") long pid) {
        return attributes.cases(pid);
    }

    @PUT
    @Path("/attributes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set case and document attributes (schemas/case-attributes.schema.json); empty values remove")
    public AttributesResult update(@PathParam("pid") long pid, AttributesUpdate update) {
        return attributes.update(pid, update);
    }

    @POST
    @Path("/attributes")
    @Consumes("text/csv")
    @Operation(summary = "Set attributes from a CSV table with a 'case' and/or 'document' key column")
    public AttributesResult importCsv(@PathParam("pid") long pid, String csv) {
        return attributes.importCsv(pid, csv);
    }

    @POST
    @Path("/attributes")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Set attributes from an uploaded CSV file (form part 'file')")
    public AttributesResult importCsvFile(@PathParam("pid") long pid, @RestForm("file") FileUpload file)
            throws IOException {
        if (file == null) {
            throw ProblemException.badRequest("Attach the CSV file in a form part named 'file'.");
        }
        try {
            return attributes.importCsv(pid, Files.readString(file.uploadedFile(), StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("The attributes table is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.");
        }
    }
}
