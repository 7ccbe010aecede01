import Testing
import TestSupport
@testable import HTTPServer

@Suite struct ConnectionLedgerTests {
    static let a = AddressKey.ipv4(1), b = AddressKey.ipv4(2), c = AddressKey.ipv4(3)

    /// Admits from `key` until refused; returns how many were admitted and the refusal.
    static func fill(_ ledger: inout ConnectionLedger, from key: AddressKey) -> (admitted: Int, refusal: ConnectionLedger.Decision) {
        var admitted = 0
        while true {
            let decision = ledger.admit(key)
            guard decision == .admit else { return (admitted, decision) }
            admitted += 1
        }
    }

    @Test func admit_whenAnAddressHoldsItsLimit_refusesItAndStillAdmitsOthers() {
        var ledger = ConnectionLedger(maxConnections: 100, maxPerAddress: 3)
        #expect(Self.fill(&ledger, from: Self.a) == (3, .refuse(.addressLimit)))
        #expect(ledger.admit(Self.b) == .admit)
        #expect(ledger.total == 4)
    }

    @Test func admit_whenTheServerIsFull_refusesEveryAddress() {
        var ledger = ConnectionLedger(maxConnections: 2, maxPerAddress: 2)
        #expect(ledger.admit(Self.a) == .admit)
        #expect(ledger.admit(Self.b) == .admit)
        #expect(ledger.admit(Self.c) == .refuse(.serverFull))
    }

    @Test func release_freesTheSlotAndForgetsAnAddressThatHoldsNone() {
        var ledger = ConnectionLedger(maxConnections: 100, maxPerAddress: 1)
        #expect(ledger.admit(Self.a) == .admit)
        #expect(ledger.admit(Self.a) == .refuse(.addressLimit))
        ledger.release(Self.a)
        #expect(ledger.total == 0)
        #expect(ledger.addresses == 0)
        #expect(ledger.admit(Self.a) == .admit)
    }

    @Test func admit_whenCrowded_refusesTheHeaviestAddressButAdmitsAnAddressThatHoldsNone() {
        var ledger = ConnectionLedger(maxConnections: 80, maxPerAddress: 80)
        #expect(ledger.crowdedAt == 70)
        for _ in 0..<60 { _ = ledger.admit(Self.a) }
        for _ in 0..<10 { _ = ledger.admit(Self.b) }
        #expect(ledger.admit(Self.a) == .refuse(.overShare), "60 is over its share of 70 / 2")
        #expect(ledger.admit(Self.b) == .admit, "11 is under it")
        #expect(ledger.admit(Self.c) == .admit, "an address that holds none always gets in before the server is full")
    }

    @Test(arguments: [2, 3, 8, 64, 1000, 10_000])
    func admit_whenOneAddressHasNoLimitOfItsOwn_neverTakesTheLastEighth(maxConnections: Int) {
        var ledger = ConnectionLedger(maxConnections: maxConnections, maxPerAddress: maxConnections)
        let (admitted, refusal) = Self.fill(&ledger, from: Self.a)
        #expect(admitted == maxConnections - (maxConnections + 7) / 8)
        #expect(refusal == .refuse(.overShare))
        #expect(Self.fill(&ledger, from: Self.b).admitted == maxConnections - admitted, "the rest is left to the others")
    }

    @Test func ledger_underRandomOpensAndCloses_keepsItsCountsAndPromises() {
        var random = SeededGenerator(state: 0xF100D)
        let keys = (0..<60).map { AddressKey.ipv4(UInt32($0)) }
        var ledger = ConnectionLedger(maxConnections: 200, maxPerAddress: 60)
        var held = [AddressKey: Int]()
        var refusals = [ConnectionRefusal: Int]()
        for _ in 0..<50_000 {
            // Key 0 is the attacker: it makes half of all attempts and seldom closes.
            let key = random.next() % 2 == 0 ? keys[0] : keys[Int(random.next() % 59) + 1]
            let heldBefore = held[key, default: 0]
            if heldBefore > 0, random.next() % 3 == 0, key != keys[0] || random.next() % 8 == 0 {
                ledger.release(key)
                held[key] = heldBefore - 1
                continue
            }
            let heaviest = held.values.max() ?? 0
            let crowded = ledger.total >= ledger.crowdedAt
            switch ledger.admit(key) {
            case .admit:
                held[key] = heldBefore + 1
                if crowded { #expect(heldBefore < heaviest, "while crowded, an address holding the most is never admitted") }
            case .refuse(let reason):
                refusals[reason, default: 0] += 1
                if heldBefore == 0 { #expect(reason == .serverFull, "an address holding none is refused only when full") }
            }
            #expect(ledger.total == held.values.reduce(0, +))
            #expect(ledger.total <= 200)
            #expect(held.values.allSatisfy { $0 <= 60 })
            #expect(ledger.addresses == held.values.filter { $0 > 0 }.count)
        }
        #expect(ConnectionRefusal.allCases.allSatisfy { refusals[$0, default: 0] > 0 }, "every rule was exercised: \(refusals)")
    }
}
