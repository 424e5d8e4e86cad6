package app.margin.agreement.rounds;

import app.margin.agreement.RoundAgreement.Coded;
import app.margin.agreement.RoundAgreement.Text;
import app.margin.text.Segment;
import app.margin.text.TextUnits;
import app.margin.agreement.UnitOfAnalysis;
import app.margin.codebook.Code;
import app.margin.coding.Coding;
import app.margin.coding.CodingLayer;
import app.margin.corpus.Document;
import app.margin.corpus.DocumentUnit;
import app.margin.identity.AppUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A round loaded for computing: its documents, coders (in order), codes, and the coders' own-layer codings. */
record RoundData(AgreementRound round, List<Long> coderIds, List<String> coderNames, Map<Long, String> codeNames,
        Map<Long, Document> documents, List<Coding> codings) {

    static RoundData load(AgreementRound round) {
        List<Long> coderIds = List.copyOf(round.coderIds);
        Map<Long, String> names = AppUser.usernamesById(coderIds);
        List<String> coderNames = coderIds.stream().map(names::get).toList();
        Map<Long, String> codeNames = new LinkedHashMap<>();
        round.codeIds.forEach(id -> {
            Code code = Code.findById(id);
            codeNames.put(id, code == null ? "code " + id : code.name);
        });
        Map<Long, Document> documents = new LinkedHashMap<>();
        List<Document> found = Document.list("id in ?1 order by id", List.copyOf(round.documentIds));
        found.forEach(d -> documents.put(d.id, d));
        List<Coding> codings = Coding.list("projectId = ?1 and layer = ?2 and documentId in ?3 and codeId in ?4 "
                        + "and coderId in ?5 order by documentId, startOffset, endOffset, id", round.projectId,
                CodingLayer.CODER, List.copyOf(round.documentIds), List.copyOf(round.codeIds), coderIds);
        return new RoundData(round, coderIds, coderNames, codeNames, documents, codings);
    }

    List<Long> codeIds() {
        return List.copyOf(codeNames.keySet());
    }

    int coderIndex(long userId) {
        return coderIds.indexOf(userId);
    }

    List<Text> texts(UnitOfAnalysis unit) {
        List<Text> texts = new ArrayList<>();
        for (Document doc : documents.values()) {
            texts.add(new Text(doc.id, doc.text.length(), units(unit, doc)));
        }
        return texts;
    }

    List<Coded> coded() {
        return codings.stream().map(c -> new Coded(c.documentId, c.codeId, coderIndex(c.coderId), c.startOffset,
                c.endOffset)).toList();
    }

    static List<Segment> units(UnitOfAnalysis unit, Document doc) {
        return switch (unit) {
            case CHARACTER -> null;
            case SENTENCE -> TextUnits.sentences(doc.text);
            case PARAGRAPH -> TextUnits.paragraphs(doc.text);
            case DOCUMENT -> doc.text.isEmpty() ? List.of() : List.of(new Segment(0, doc.text.length()));
            case TURN -> DocumentUnit.ofDocument(doc.id).stream().filter(u -> u.endOffset > u.startOffset)
                    .map(u -> new Segment(u.startOffset, u.endOffset)).toList();
        };
    }
}
