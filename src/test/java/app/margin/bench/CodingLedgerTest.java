package app.margin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.bench.CodingLedger.Content;
import app.margin.bench.CodingLedger.Discrepancies;
import app.margin.bench.CodingLedger.Held;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodingLedgerTest {
    static final Content A = new Content(1, 10, 0, 20);
    static final Content B = new Content(1, 11, 5, 40);
    static final Content C = new Content(2, 10, 100, 180);

    @Test
    void theServerHoldingExactlyWhatWasAcknowledgedHasNoDiscrepancy() {
        CodingLedger ledger = new CodingLedger();
        ledger.added(1, A, 0);
        ledger.added(2, B, 0);
        ledger.moved(2, C, 1);
        ledger.added(3, B, 0);
        ledger.removed(1);
        Discrepancies found = CodingLedger.compare(ledger.expected(), List.of(new Held(2, C), new Held(3, B)));
        assertEquals(0, found.total(), found.toString());
        assertEquals(1, ledger.version(2));
    }

    @Test
    void lostResurrectedChangedAndDuplicatedCodingsAreEachNamed() {
        CodingLedger ledger = new CodingLedger();
        ledger.added(1, A, 0);
        ledger.added(2, B, 0);
        ledger.moved(2, C, 1);
        ledger.added(4, new Content(3, 12, 1, 2), 0);
        ledger.added(5, new Content(3, 12, 7, 9), 0);
        ledger.removed(5);
        Discrepancies found = CodingLedger.compare(ledger.expected(), List.of(
                new Held(2, B), // its move was acknowledged but the server kept the old range: a lost update
                new Held(5, new Content(3, 12, 7, 9)), // removed, yet there: resurrected
                new Held(4, new Content(3, 12, 1, 2)),
                new Held(6, new Content(3, 12, 1, 2)))); // the same coding twice
        assertEquals(List.of(1L), found.lost());
        assertEquals(List.of(2L), found.changed());
        assertEquals(List.of(5L, 6L), found.unexpected());
        assertEquals(List.of(6L), found.duplicated());
        assertEquals(5, found.total());
    }

    @Test
    void twoAcknowledgedCopiesOfOneCodingAreADuplicate() {
        CodingLedger ledger = new CodingLedger(); // a double click that Margin answered 201 twice
        ledger.added(7, A, 0);
        ledger.added(8, A, 0);
        Discrepancies found = CodingLedger.compare(ledger.expected(), List.of(new Held(7, A), new Held(8, A)));
        assertEquals(List.of(8L), found.duplicated());
        assertEquals(1, found.total());
        ledger.inDoubt();
        assertEquals(1, ledger.operationsInDoubt());
    }
}
