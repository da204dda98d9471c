import Hummingbird

/// Middleware order and every route, in one place.
enum HostRouter {
    static func build(services: AppServices, readiness: ReadinessFlag) -> Router<HostRequestContext> {
        let routes = RouteTable()
        let router = Router(context: HostRequestContext.self)
        router.add(middleware: RequestIdMiddleware())
        router.add(middleware: CORSPolicyMiddleware(policy: services.configuration.cors))
        router.add(middleware: AccessLogMiddleware(metrics: services.metrics))
        router.add(middleware: ErrorEnvelopeMiddleware(routes: routes))
        router.add(middleware: TenantMiddleware())
        router.add(
            middleware: AuthenticationMiddleware(
                mode: services.configuration.authMode, authenticator: services.authenticator,
                publicPaths: PublicPaths(apiPrefix: services.configuration.apiPrefix)))

        HealthRoutes(services: services, pluginsScanned: readiness).register(on: router)
        DocsRoutes(services: services).register(on: router)
        let api = router.group(RouterPath(services.configuration.apiPrefix))
        ConnectorRoutes(services: services).register(on: api)
        PluginRoutes(services: services).register(on: api)
        OnboardingRoutes(services: services).register(on: api)
        ConnectionRoutes(services: services).register(on: api)
        AccessRoutes(services: services).register(on: api)
        BrowseRoutes(services: services).register(on: api)
        JobRoutes(services: services).register(on: api)
        WebhookRoutes(services: services).register(on: api)

        routes.record(router.routes.map { (path: $0.path.description, method: $0.method) })
        return router
    }
}
