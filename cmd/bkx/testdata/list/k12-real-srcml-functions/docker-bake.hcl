// origin: srcML/srcML docker-bake.hcl (reduced)
variable "SRCML_BAKE_SRC" {
  description = "Location of the source code"
  default = "https://github.com/srcML/srcML.git#v1.1.0"
}

variable "SRCML_BAKE_PRESET_SUFFIX" {
  description = "Suffix for the workflow preset"
  default = ""
}

variable "SRCML_BAKE_ARCHITECTURE" {
  description = "Architectures to build on"
  default = "linux/amd64,linux/arm64"
}

variable "SRCML_BAKE_DESTINATION_DIR" {
  description = "Local directory for export of packages"
  default = "./dist_packages"
}

variable "SRCML_BAKE_CONTEXT_DIR" {
  description = "Directory of context files"
  default = "./docker"
}

variable "SRCML_BAKE_REGISTRY" {
  description = "Registry domain for default build environments"
  default = ""
}

variable "SRCML_BAKE_PACKAGE_REGISTRY" {
  description = "Registry domain for the package targets, package and log"
  default = "ghcr.io"
}

# Placeholder to redefine in docker-bake.override.hcl
variable "SRCML_BAKE_SRCML_VERSION" {
  description = "srcML version to embed in image data"
  default = ""
}

# Placeholder to redefine in docker-bake.override.hcl
variable "SRCML_BAKE_CMAKE_VERSION" {
  description = "CMake version"
  default = ""
}

variable "SRCML_BAKE_CACHE" {
  description = "Cache for build layers"
  default = ""
}

# Placeholder for distributions. See docker-bake.override.hcl
variable "distributions" {
  default = [ { id = "ubuntu", version_id = "24.04", java_version_id = "22.04", name = "Ubuntu 24.04", workflow = "ubuntu", java = "latest" } ]
}

# Default is to only create the build environment
group "default" {
  targets = [ for item in distributions : item.id ]
}

# Context of the Dockerfile
function "context" {
  params = [id]
  result = "${SRCML_BAKE_CONTEXT_DIR}/${id}"
}

function "workflowPreset" {
  params = [dist]
  result = "ci-${dist.workflow}${SRCML_BAKE_PRESET_SUFFIX}"
}

# Base target for common settings
target "base" {
  platforms = split(",", SRCML_BAKE_ARCHITECTURE)
  labels = {
    "org.opencontainers.image.version"  = SRCML_BAKE_SRCML_VERSION
    "org.opencontainers.image.licenses" = "GPL-3.0-only"
  }
  pull = true
  cache-to = [ SRCML_BAKE_CACHE ]
  cache-from = [ SRCML_BAKE_CACHE ]
}

# Build images for all Linux distributions
target "default" {
  name = targetName(dist)
  description = "srcML build environment for ${dist.name}"
  labels = {
    "org.opencontainers.image.title" = "srcML ${dist.name} Build Environment"
    "org.opencontainers.image.description" = <<EOF
The srcML build environment for ${dist.name}.
It includes the dependencies for building, packaging, and testing srcML on this platform.
EOF
  }
  matrix = {
    dist = distributions
  }
  context = context(dist.id)
  args = {
    TAG          = try(dist.base_tag, dist.version_id)
    JAVA_TAG     = dist.java_version_id
    CMAKE_VERSION = SRCML_BAKE_CMAKE_VERSION
    CMAKE_BINARY = try(dist.cmake, "")
    JAVA_VERSION = try(dist.java, "")
    OPENSUSE     = try(dist.opensuse, "")
  }
  tags     = concat([tagName(dist), tagNameAlias(dist)])
  inherits = ["base"]
}

target "build" {
  name = categoryTarget(dist, "build")
  description = "srcML build for ${dist.name}"
  labels = {
    "org.opencontainers.image.title" = "srcML ${dist.name} Build"
    "org.opencontainers.image.source" = SRCML_BAKE_SRC
  }
  push = true
  matrix = {
    dist = distributions
  }
  dockerfile-inline = <<EOF
FROM ${tagName(dist)} AS builder
WORKDIR /src
ADD --link ["${SRCML_BAKE_SRC}", "."]
RUN cmake --preset ${workflowPreset(dist)}
RUN cmake --build --preset ${workflowPreset(dist)}
FROM builder AS packager
RUN cpack --preset ${workflowPreset(dist)}
EOF
  tags     = [categoryTagName(dist, "build")]
  inherits = ["base"]
}

target "package" {
  name = categoryTarget(dist, "package")
  description = "srcML package for ${dist.name}"
  contexts = {
    build = "target:${categoryTarget(dist, "build")}"
  }
  depends-on = [
    categoryTarget(dist, "build"),
  ]
  matrix = {
    dist = distributions
  }
  dockerfile-inline = <<EOF
FROM scratch AS dist
COPY --from="build" \
  /src-build/dist/*.deb \
  /
EOF
  tags     = [categoryTagName(dist, "package")]
  output   = ["type=local,dest=${SRCML_BAKE_DESTINATION_DIR}"]
  no-cache = true
  inherits = ["base"]
}

target "test-client" {
  name = categoryTarget(dist, "test-client")
  matrix = {
    dist = distributions
  }
  depends_on = [categoryTarget(dist, "build")]
  contexts = {
    packager = "target:${categoryTarget(dist, "build")}"
  }
  dockerfile-inline = <<EOF
FROM packager AS test_client
RUN cmake --build --preset ci-test-client-${dist.workflow}
EOF
  tags     = [categoryTagName(dist, "test-client")]
  inherits = ["base"]
}

target "log" {
  name = categoryTarget(dist, "log")
  matrix = { dist = distributions }
  contexts = {
    # Reference specific stages from the build target
    test-client = "target:${categoryTarget(dist, "test-client")}"
  }
  dockerfile-inline = <<EOF
FROM scratch AS dist
COPY --from=test-client /src-build/dist/*.log /
EOF
  tags = [categoryTagName(dist, "log")]
  output = ["type=local,dest=${SRCML_BAKE_DESTINATION_DIR}"]
  no-cache = true
  inherits = ["base"]
}

# Target name
function "targetName" {
  params = [item]
  result = baseTargetName(item.id, item.version_id)
}

function "categoryTarget" {
  params = [item, category]
  result = baseTargetName(item.id, appendCategory(item.version_id, category))
}

function "baseTargetName" {
  params = [id, version_id]
  result = format("%s_%s", id, sanitize(version_id))
}

function "tagName" {
  params = [item]
  result = baseTagName(SRCML_BAKE_REGISTRY, item.id, item.version_id)
}

function "categoryTagName" {
  params = [item, category]
  result = baseTagName(SRCML_BAKE_PACKAGE_REGISTRY, appendCategory(item.id, category), item.version_id)
}

function "baseTagName" {
  params = [registry, id, version_id]
  result = format("${registry != "" ? "${registry}/" : ""}srcml/%s:%s", id, version_id)
}

function "tagNameAlias" {
  params = [item]
  result = baseTagName(SRCML_BAKE_REGISTRY, item.id, try(item.tag, item.version_id))
}

function "appendCategory" {
  params = [id, category]
  result = format("%s_%s", id, category)
}
