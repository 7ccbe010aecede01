/// The route tables, one extension per API area (`Routes+System.swift`, later `Routes+Users.swift`…), each a
/// function from the domain actors it needs to the area's `[Route]`; the composition root passes them to the
/// Gateway.
public enum Routes {}
