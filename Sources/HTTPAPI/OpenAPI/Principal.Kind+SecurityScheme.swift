extension Principal.Kind {
    /// The name of this kind's security scheme in the OpenAPI document.
    var securitySchemeName: String {
        switch self {
        case .operatorKey: "operatorKey"
        case .admin: "adminToken"
        case .clientSession: "clientSession"
        case .metricsScraper: "metricsToken"
        }
    }
}
