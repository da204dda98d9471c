import ConnectorModel
import Synchronization

/// Everything the stand-in's routes share: the org, OAuth, injected faults,
/// open query cursors and the daily API counter.
final class SalesforceStandInState: Sendable {
    /// A query result waiting to be read batch by batch through `nextRecordsUrl`.
    struct OpenQuery {
        let records: [JSONValue]
        let batchSize: Int
    }

    static let dailyApiRequests = 15_000

    let org: SalesforceOrg
    let oauth: SalesforceOAuthState
    let faults = SalesforceFaultQueue()
    private let openQueries = Mutex<[String: OpenQuery]>([:])
    private let issuedLocators = Mutex<[String]>([])
    private let forms = Mutex<[SalesforceFormSubmission]>([])
    private let hosts = Mutex<[(host: String, path: String)]>([])
    private let locatorCounter = Mutex(0)
    private let apiRequests = Mutex(0)
    private let instance = Mutex("")

    init(org: SalesforceOrg, oauth: SalesforceOAuthState) {
        self.org = org
        self.oauth = oauth
    }

    /// `http://localhost:PORT`: the same server under another name, so tests can
    /// tell API calls (instance) from OAuth calls (login host, 127.0.0.1).
    var instanceURL: String {
        get { instance.withLock { $0 } }
        set { instance.withLock { $0 = newValue } }
    }

    /// Counts one REST API request; returns how many have been used today.
    func countRequest() -> Int {
        apiRequests.withLock { used in
            used += 1
            return used
        }
    }

    var usedRequests: Int { apiRequests.withLock { $0 } }

    /// Keeps `records` for queryMore; returns the cursor id (`01g…`).
    func open(_ records: [JSONValue], batchSize: Int) -> String {
        let number = locatorCounter.withLock { counter in
            counter += 1
            return counter
        }
        let id = String(SalesforceID.make(prefix: "01g", number: number).prefix(15))
        openQueries.withLock { $0[id] = OpenQuery(records: records, batchSize: batchSize) }
        return id
    }

    func openQuery(_ id: String) -> OpenQuery? {
        openQueries.withLock { $0[id] }
    }

    /// Forgets every open cursor, as Salesforce does after 15 minutes of inactivity.
    func closeQueries() {
        openQueries.withLock { $0.removeAll() }
    }

    /// Records a `nextRecordsUrl` handed to a client.
    func issued(_ nextRecordsUrl: String) {
        issuedLocators.withLock { $0.append(nextRecordsUrl) }
    }

    var nextRecordsUrls: [String] { issuedLocators.withLock { $0 } }

    /// Records the field names of a form body (the exchange log keeps no request bodies).
    func received(form fields: [String: String], at path: String) {
        forms.withLock { $0.append(SalesforceFormSubmission(path: path, fieldNames: Set(fields.keys))) }
    }

    var formSubmissions: [SalesforceFormSubmission] { forms.withLock { $0 } }

    func received(host: String, path: String) {
        hosts.withLock { $0.append((host, path)) }
    }

    /// `host:port` of every request, with its path, in arrival order.
    var requestHosts: [(host: String, path: String)] { hosts.withLock { $0 } }
}

/// The field names of one form-encoded request body, in arrival order.
public struct SalesforceFormSubmission: Sendable, Equatable {
    public let path: String
    public let fieldNames: Set<String>
}
