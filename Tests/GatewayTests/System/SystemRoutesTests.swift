import APITestSupport
@testable import Gateway
@testable import HTTPAPI
import Foundation
import HTTPServer
import Kernel
import Testing
import TestSupport

struct ProbeError: Error {}

@Suite(.databases) struct SystemRoutesTests {
    @Test func healthz_answersOk() async {
        let response = await Gateway.make().handle(.make(.get, "/healthz"))
        #expect(response.status == 200)
        #expect(response.text == #"{"status":"ok"}"#)
    }

    @Test func readyz_whenEveryCheckPasses_answers200ListingThem() async {
        let gateway = Gateway.make(readiness: [ReadinessCheck("database") {}, ReadinessCheck("bus") {}])
        let response = await gateway.handle(.make(.get, "/readyz"))
        #expect(response.status == 200)
        #expect(response.json == ["status": "ok", "checks": ["database": "ok", "bus": "ok"]])
    }

    @Test func readyz_whenACheckFails_answers503ProblemListingFailures_andLogsTheCause() async {
        let log = LogCapture()
        let gateway = Gateway.make(logger: log.logger, readiness: [
            ReadinessCheck("database") { throw ProbeError() },
            ReadinessCheck("bus") { throw ReadinessFailure("The event bus is not running.") },
            ReadinessCheck("migrations") {},
        ])
        let response = await gateway.handle(.make(.get, "/readyz"))
        #expect(response.status == 503)
        #expect(response.json["code"] == "not_ready")
        #expect(response.json["detail"] == "Readiness checks failing: database, bus.")
        #expect(response.json["failures"] == [
            ["check": "database", "reason": "Check failed; see the server log."],
            ["check": "bus", "reason": "The event bus is not running."],
        ])
        #expect(log.entries(message: "readiness check failed").map { $0["check"] } == ["database", "bus"])
    }

    @Test func readinessChecks_ofTheKernel_reportTheRealState() async throws {
        let database = try TestDatabase().open(clock: ManualClock())
        let widgets = [Migration(module: "widgets", version: 1, sql: "CREATE TABLE widgets(id TEXT)")]
        let bus = EventBus(database: database)
        let checks: [ReadinessCheck] = [.database(database), .migrations(database, expected: widgets), .bus(bus)]

        let before = await Readiness.run(checks)
        #expect(before.map(\.check) == ["database", "migrations", "bus"])
        #expect(before[0].error == nil)
        #expect((before[1].error as? ReadinessFailure)?.reason == "Migrations pending for: widgets.")
        #expect((before[2].error as? ReadinessFailure)?.reason == "The event bus is not running.")

        try await database.migrate(widgets)
        await bus.start()
        #expect(await Readiness.run(checks).allSatisfy { $0.error == nil })
        await bus.stop()
    }
}
