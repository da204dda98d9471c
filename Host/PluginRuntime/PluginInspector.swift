/// Loads one file the way the registry would, without serving it, for
/// `connector-host plugins inspect`.
public enum PluginInspector {
    /// The loaded plugin (shut it down with `close`) or why it would be refused.
    public static func inspect(_ file: String, services: PluginHostServices, privateDirectory: String) -> Result<LoadedPlugin, PluginRefusal> {
        PluginLoader(privateDirectory: privateDirectory, services: services).load(file)
    }

    /// Calls the plugin's shutdown hook.
    public static func close(_ plugin: LoadedPlugin) {
        plugin.shutdown()
    }
}
