/* A shared object that is not a plugin: it exports no ucp_plugin_register. */
int not_a_plugin(void) { return 42; }
