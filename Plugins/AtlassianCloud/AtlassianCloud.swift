// Shared Atlassian Cloud support for the Jira and Confluence connectors is being written.
