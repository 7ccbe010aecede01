import Billing
import HTTPAPI
import HTTPServer
import Kernel

extension Routes {
    /// The Billing area: the operator's wallet, usage report and inbox, scoped by the API key to its operator and
    /// mode (a test key sees only the sandbox wallet); and the platform admins' top-ups and manual roll-ups.
    public static func billing(_ billing: Billing) -> [Route] {
        [
            Route(.get, "/v1/wl/wallet", auth: .operatorKey, operation: .getWallet) { context in
                try .json(encoding: await billing.wallet(context.scope))
            },
            Route(.patch, "/v1/wl/wallet", auth: .currentOperatorKey, operation: .updateWallet) { context in
                let body = try context.decode(WalletUpdateRequest.self)
                return try .json(encoding: await billing.updateWallet(context.scope, body.update))
            },
            Route(.get, "/v1/wl/usage", auth: .operatorKey, operation: .getUsage) { context in
                try await APIError.reportingQueryErrors {
                    try .json(encoding: await billing.usage(context.scope, UsageQuery(context.query)))
                }
            },
            Route(.get, "/v1/wl/inbox", auth: .operatorKey, operation: .listInboxItems) { context in
                try await APIError.reportingQueryErrors {
                    let page = try InboxPageRequest(context.query)
                    return try .json(encoding: await billing.inbox(context.scope, limit: page.limit, startingAfter: page.startingAfter))
                }
            },
            Route(.post, "/v1/wl/inbox/:id/read", auth: .operatorKey, operation: .markInboxItemRead) { context in
                try .json(encoding: await billing.markRead(context.scope, try context.parameters.require("id", prefix: .inboxItem)))
            },
            Route(.post, "/v1/admin/operators/:id/wallet/credits", auth: .admin, operation: .createWalletCredit) { context in
                let body = try context.decode(CreditRequest.self)
                let credit = try await billing.credit(
                    operatorID: try context.parameters.require("id", prefix: .operator), amountPaise: body.amountPaise, reference: body.reference, mode: body.mode ?? .live)
                return try .json(encoding: credit.entry, status: credit.isNew ? 201 : 200)
            },
            Route(.post, "/v1/admin/billing/rollups", auth: .admin, operation: .createUsageRollups) { context in
                let body = try context.decode(RollupRequest.self)
                let rollups = try await billing.rollup(date: body.date, operatorID: body.operatorID, mode: body.mode)
                return try .json(encoding: Page(data: rollups, hasMore: false))
            },
        ]
    }
}
