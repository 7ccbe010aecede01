/// Sample `data` for test sends: realistic shapes, obviously fake ids.
enum SampleEvents {
    static func data(for type: WebhookEventType) -> String {
        switch type {
        case .userCreated:
            #"{"source":"api","user":{"email":"sample@example.com","id":"usr_sample0000000000000000","livemode":false,"object":"user","phone":"+919800000000","plan_id":"plan_sample000000000000000","status":"active"}}"#
        case .userBrokerConnected:
            #"{"broker":"zerodha","client_code_masked":"AB****34","expires_at":null,"user_id":"usr_sample0000000000000000"}"#
        case .strategyDeployed:
            #"{"broker":"zerodha","burn_per_day_paise":1500,"from_mode":"paper","plan_id":"plan_sample000000000000000","strategy_id":"stg_sample0000000000000000","user_id":"usr_sample0000000000000000"}"#
        case .strategyPaused:
            #"{"broker":"zerodha","plan_id":"plan_sample000000000000000","reason":"client_paused","strategy_id":"stg_sample0000000000000000","user_id":"usr_sample0000000000000000"}"#
        case .usageDaily:
            #"{"amount_paise":4500,"by_broker":[{"amount_paise":4500,"broker":"zerodha","currency":"INR","strategy_days":3}],"by_plan":[{"amount_paise":4500,"currency":"INR","plan_id":"plan_sample000000000000000","strategy_days":3}],"currency":"INR","date":"2026-11-25","strategy_days":3,"wallet_balance_paise":995500,"window_end":"2026-11-25T13:00:00Z","window_start":"2026-11-24T13:00:00Z"}"#
        case .brokerDisconnected:
            #"{"broker":"zerodha","reason":"expired","user_id":"usr_sample0000000000000000"}"#
        case .walletLowBalance:
            #"{"balance_paise":45000,"daily_burn_paise":15000,"runway_days":3,"threshold_days":7}"#
        case .webhookEndpointDisabled:
            #"{"endpoint_id":"whe_sample0000000000000000","failing_since":"2026-11-20T09:00:00.000Z","last_error":"HTTP 503","reason":"failing","url":"https://example.com/webhooks"}"#
        case .apiKeyRotated:
            #"{"key_id":"key_sample0000000000000000","masked":"tt_wl_sample_live_…a1b2","mode":"live","previous_key_ids":["key_sample0000000000000001"],"previous_keys_expire_at":"2026-11-26T13:00:00Z"}"#
        case .apiKeyExpiring:
            #"{"expires_at":"2026-11-26T13:00:00Z","key_id":"key_sample0000000000000001","last_used_at":"2026-11-26T11:58:00Z","masked":"tt_wl_sample_live_…c3d4","mode":"live","reason":"one_hour_left"}"#
        }
    }
}
