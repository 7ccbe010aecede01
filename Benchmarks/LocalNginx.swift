import Foundation
import Glibc

/// nginx (nginx-light) as a local keep-alive webhook receiver: answers every request with 204, on loopback, over
/// plain HTTP and over TLS with a throwaway self-signed certificate. Config, certificate and logs live in a temp
/// folder removed by `stop()`.
final class LocalNginx {
    let folder = NSTemporaryDirectory() + "operator-api-bench-nginx-" + UUID().uuidString
    let port: Int
    let tlsPort: Int
    /// The receiver's certificate, to be trusted by the client that benchmarks TLS.
    let certificatePEM: String
    private let process = Process()

    var url: String { "http://127.0.0.1:\(port)/hooks" }
    var tlsURL: String { "https://127.0.0.1:\(tlsPort)/hooks" }

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        (port, tlsPort) = (try Self.freePort(), try Self.freePort())
        try Self.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                          "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                          "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem"])
        certificatePEM = try String(contentsOfFile: folder + "/cert.pem", encoding: .utf8)
        try config.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", folder, "-c", folder + "/nginx.conf"]
        try process.run()
        try waitUntilListening()
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// One worker (the machine has two cores, shared with the sender); keep-alive without a request limit.
    private var config: String {
        """
        daemon off;
        worker_processes 1;
        pid \(folder)/nginx.pid;
        error_log \(folder)/error.log error;
        events { worker_connections 1024; }
        http {
            access_log off;
            keepalive_requests 10000000;
            keepalive_timeout 60s;
            client_body_temp_path \(folder)/body;
            proxy_temp_path \(folder)/proxy;
            fastcgi_temp_path \(folder)/fastcgi;
            uwsgi_temp_path \(folder)/uwsgi;
            scgi_temp_path \(folder)/scgi;
            server {
                listen 127.0.0.1:\(port);
                listen 127.0.0.1:\(tlsPort) ssl;
                ssl_certificate \(folder)/cert.pem;
                ssl_certificate_key \(folder)/key.pem;
                location / { return 204; }
            }
        }
        """
    }

    private func waitUntilListening() throws {
        for _ in 0..<200 {
            if Self.accepts(port) && Self.accepts(tlsPort) { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "nginx did not start: see \(folder)/error.log"])
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port nothing listens on right now (the kernel's pick for a socket bound and closed at once).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(tool) failed"]) }
    }
}
