import Logging
import ServiceLifecycle

/// Renews provider webhook registrations a week before they expire (Jira's
/// last 30 days), checking every hour.
struct WebhookRenewalService: Service {
    let webhooks: WebhookService
    let logger: Logger
    let interval = Duration.seconds(3600)
    let window = Duration.seconds(7 * 24 * 3600)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do throws(APIError) {
                    let renewed = try await webhooks.renewExpiring(within: window, requestId: "webhook-renewal")
                    if renewed > 0 { logger.info("renewed webhook registrations", metadata: ["count": .stringConvertible(renewed)]) }
                } catch {
                    logger.warning("webhook renewal failed; retrying next round", metadata: ["code": .string(error.code), "reason": .string(error.message)])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
