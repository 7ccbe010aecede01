import HTTPServer

/// The fields of a dashboard form post (`application/x-www-form-urlencoded`); empty for any other body.
struct DashboardForm {
    let items: [(name: String, value: String)]

    init(_ request: HTTPRequest) {
        let type = request.headers["Content-Type"]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/x-www-form-urlencoded" else {
            items = []
            return
        }
        items = HTTPRequest.formItems(String(decoding: request.body, as: UTF8.self))
    }

    subscript(name: String) -> String? { items.first { $0.name == name }?.value }
}
