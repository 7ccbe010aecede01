import Foundation
import HTTPAPI
import HTTPServer

/// Finds the route for a method and path in a segment trie: literal segments are dictionary lookups, each node has
/// at most one parameter edge, and a literal is preferred to a parameter (`/users/me` before `/users/:id`) with
/// backtracking when the literal branch leads nowhere. Built once; matching allocates only the captured values.
struct Router: Sendable {
    enum Match {
        /// `route` indexes the endpoints the router was built from.
        case found(route: Int, parameters: PathParameters)
        /// The path exists, but not for this method; `route` is one of the path's routes (they share a template),
        /// `allowed` is sorted and includes HEAD wherever GET is.
        case methodNotAllowed(route: Int, allowed: [HTTPMethod])
        case notFound
    }

    private struct Node: Sendable {
        var literals: [Substring: Int] = [:]
        var parameter: (name: String, node: Int)?
        var methods: [HTTPMethod: Int] = [:]
    }

    private var nodes = [Node()]

    /// Traps on two routes with the same method and path, or on parameters named differently at the same place.
    init(_ endpoints: [Endpoint]) {
        for (index, endpoint) in endpoints.enumerated() {
            var node = 0
            for segment in endpoint.path.segments {
                node = child(of: node, for: segment, in: endpoint.path)
            }
            precondition(nodes[node].methods[endpoint.method] == nil, "duplicate route \(endpoint.method) \(endpoint.path)")
            nodes[node].methods[endpoint.method] = index
        }
    }

    private mutating func child(of node: Int, for segment: PathTemplate.Segment, in path: PathTemplate) -> Int {
        switch segment {
        case .literal(let text):
            if let next = nodes[node].literals[Substring(text)] { return next }
            nodes.append(Node())
            nodes[node].literals[Substring(text)] = nodes.count - 1
        case .parameter(let name):
            if let (existing, next) = nodes[node].parameter {
                precondition(existing == name, "\(path) names parameter :\(name) where another route has :\(existing)")
                return next
            }
            nodes.append(Node())
            nodes[node].parameter = (name, nodes.count - 1)
        }
        return nodes.count - 1
    }

    /// Routes `path` (not percent-decoded; no query). HEAD falls back to GET.
    func match(_ method: HTTPMethod, path: String) -> Match {
        guard path.hasPrefix("/") else { return .notFound }
        let segments = path == "/" ? [] : Self.segments(path.dropFirst())
        var captured = [(name: String, value: Substring)]()
        var allowed = Set<HTTPMethod>()
        var pathRoute: Int?
        if let route = search(0, segments[...], method, &captured, &allowed, &pathRoute) {
            return .found(route: route, parameters: PathParameters(captured.map { pair in
                (name: pair.name, value: String(pair.value).removingPercentEncoding ?? String(pair.value))
            }))
        }
        guard let pathRoute else { return .notFound }
        if allowed.contains(.get) { allowed.insert(.head) }
        return .methodNotAllowed(route: pathRoute, allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }

    /// The `/`-separated segments of `path`, empty ones kept: `split` would grow its array segment by segment.
    private static func segments(_ path: Substring) -> [Substring] {
        let slash = UInt8(ascii: "/")
        var segments = [Substring]()
        segments.reserveCapacity(path.utf8.reduce(1) { $1 == slash ? $0 + 1 : $0 })
        var start = path.startIndex
        for index in path.utf8.indices where path.utf8[index] == slash {
            segments.append(path[start..<index])
            start = path.utf8.index(after: index)
        }
        segments.append(path[start...])
        return segments
    }

    private func search(
        _ index: Int, _ rest: ArraySlice<Substring>, _ method: HTTPMethod,
        _ captured: inout [(name: String, value: Substring)], _ allowed: inout Set<HTTPMethod>, _ pathRoute: inout Int?
    ) -> Int? {
        let node = nodes[index]
        guard let segment = rest.first else {
            if let route = node.methods[method] ?? (method == .head ? node.methods[.get] : nil) { return route }
            allowed.formUnion(node.methods.keys)
            pathRoute = pathRoute ?? node.methods.values.min()
            return nil
        }
        if let next = node.literals[segment] {
            if let route = search(next, rest.dropFirst(), method, &captured, &allowed, &pathRoute) { return route }
            // A literal path that is a resource of its own shadows the parameter: `/users/bulk` is never user "bulk",
            // so a wrong method there is a 405 listing only that resource's methods.
            if rest.count == 1, !nodes[next].methods.isEmpty { return nil }
        }
        if let (name, next) = node.parameter, !segment.isEmpty {
            captured.append((name, segment))
            if let route = search(next, rest.dropFirst(), method, &captured, &allowed, &pathRoute) { return route }
            captured.removeLast()
        }
        return nil
    }
}
