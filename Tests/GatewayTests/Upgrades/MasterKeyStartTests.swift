import APITestSupport
import Assembly
import Foundation
import Glibc
import Kernel
import Testing
import TestSupport
import Webhooks

/// How `serve` comes by its master key (issue 15, finding 3): a first start creates the file beside the database
/// (32 random bytes, mode 0600) and says so; a start with the wrong key file stops before serving.
@Suite struct MasterKeyStartTests {
    let folder = NSTemporaryDirectory() + "master-key-tests-" + UUID().uuidString

    func open(keyFile: String? = nil, log: LogCapture = LogCapture()) async throws -> Services {
        var configuration = Services.Configuration()
        configuration.masterKeyFile = keyFile
        configuration.webhooks.allowPrivateTargets = true
        return try await Services.open(at: .sqlite(path: folder + "/db.sqlite"), configuration, clock: ManualClock(), logger: log.logger)
    }

    @Test func aFirstStart_createsThePrivateKeyFileBesideTheDatabase_andLogsIt_andLaterStartsReadIt() async throws {
        let log = LogCapture()
        let first = try await open(log: log)
        let path = folder + "/db.sqlite.master-key"
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600 && status.st_size == 32)
        let line = try #require(log.entries(message: "master key created").first)
        #expect(line["path"] == path && line["key_id"] == first.masterKey.id.hexString)
        let again = LogCapture()
        #expect(try await open(log: again).masterKey.id == first.masterKey.id)
        #expect(again.entries(message: "master key created").isEmpty)
    }

    @Test func aStartWithAnotherKeyFile_stopsBeforeServing_whenSecretsAreSealedUnderTheFirst() async throws {
        let services = try await open()
        let scope = TenantScope(operatorID: "op_x", mode: .live)
        _ = try await services.webhooks.createEndpoint(scope, NewWebhookEndpoint(url: "https://8.8.8.8/in", events: ["user.created"]))
        do {
            _ = try await open(keyFile: folder + "/other.key")
            Issue.record("started with the wrong key")
        } catch let error as SealingError {
            #expect(error.code == .sealedUnderAnotherKey)
        }
    }

    @Test func aPostgreSQLDatabase_withoutAKeyFile_stopsBeforeOpeningIt() async throws {
        // Nothing listens on port 1: had the database been opened first, the error would be a connection's.
        await #expect {
            _ = try await Services.open(at: .postgres(url: "postgres://nobody@127.0.0.1:1/none"), Services.Configuration(), clock: ManualClock(), logger: .discard)
        } throws: { ($0 as? SealingError)?.code == .keyFileUnavailable && "\($0)".contains("--master-key-file") }
    }
}
