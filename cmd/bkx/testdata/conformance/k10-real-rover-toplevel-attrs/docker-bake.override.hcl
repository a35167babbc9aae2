# origin: aztfmod/rover docker-bake.override.hcl (reduced)
# Base image tools version
extensionsAzureCli="resource-graph"
versionDockerCompose="2.24.7"
versionGolang="1.22.1"
versionKubectl=""

# Agents versions
USERNAME="vscode"
