@testable import Assembly
import Testing

/// The order `copy` fills tables in: parents before the tables whose foreign keys name them.
struct TableOrderTests {
    @Test func tableOrder_putsEveryTableAfterTheTablesItRefersTo_andCyclesLast() {
        let order = TableOrder.parentsFirst(["a_child", "b_cycle", "c_cycle", "d_self", "z_parent"], parents: [
            "a_child": ["z_parent", "d_self"], "b_cycle": ["c_cycle"], "c_cycle": ["b_cycle"], "d_self": [], "z_parent": ["outside"],
        ])
        #expect(order == ["d_self", "z_parent", "a_child", "b_cycle", "c_cycle"])
    }
}
