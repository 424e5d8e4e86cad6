package app.margin.demo;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/** One row of sample-corpus/demo-codings/*.csv: a coder applied a code to a verbatim quote. */
record DemoCoding(String coder, String code, String quote, String memo) {

    static List<DemoCoding> parse(String csv) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            return parser.stream().map(r -> new DemoCoding(r.get("coder"), r.get("code"), r.get("quote"),
                    r.isSet("memo") ? r.get("memo") : "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
