variable "REGISTRY" {
  default = "ghcr.io/acme"
  validation {
    condition     = can(regex("^[a-z0-9.:/-]+$", REGISTRY))
    error_message = "REGISTRY must be lowercase."
  }
}
variable "TAG" {
  default = "dev"
}
variable "VERSION" {
  default = "0.0.0"
  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+(-[a-z0-9.]+)?$", VERSION))
    error_message = "VERSION must be semver, got ${VERSION}."
  }
}
variable "PUSH_LATEST" {
  type    = bool
  default = false
}

function "image" {
  params = [name]
  result = "${REGISTRY}/${name}"
}
function "tags" {
  params = [name]
  result = concat(
    ["${image(name)}:${TAG}", "${image(name)}:${VERSION}"],
    PUSH_LATEST ? ["${image(name)}:latest"] : []
  )
}

group "default" {
  targets = ["api", "web", "worker"]
}
group "release" {
  targets = ["default", "migrator", "docs"]
}
group "ci" {
  targets = ["lint", "test"]
}

target "_common" {
  context = "."
  args = {
    VERSION      = VERSION
    GO_VERSION   = "1.26"
    NODE_VERSION = "22"
  }
  labels = {
    "org.opencontainers.image.version" = VERSION
    "org.opencontainers.image.source"  = "https://github.com/acme/mono"
  }
  platforms = ["linux/amd64"]
}

target "base-go" {
  inherits   = ["_common"]
  dockerfile = "docker/go.Dockerfile"
  target     = "base"
}

target "api" {
  inherits = ["_common"]
  dockerfile = "services/api/Dockerfile"
  contexts = {
    base = "target:base-go"
  }
  tags = tags("api")
  args = {
    SERVICE = "api"
  }
}

target "worker" {
  inherits = ["api"]
  dockerfile = "services/worker/Dockerfile"
  tags = tags("worker")
  args = {
    SERVICE = "worker"
  }
}

target "web" {
  inherits = ["_common"]
  context = "web"
  tags = tags("web")
  args = {
    NODE_ENV = "production"
  }
}

target "migrator" {
  inherits = ["_common"]
  dockerfile = "services/migrator/Dockerfile"
  tags = tags("migrator")
  contexts = {
    base = "target:base-go"
    sql  = "./db/migrations"
  }
}

target "docs" {
  context = "docs"
  dockerfile-inline = <<EOT
FROM nginx:alpine
COPY . /usr/share/nginx/html
LABEL version="${VERSION}"
ENV PATH=$${PATH}:/opt
EOT
  tags = ["${image("docs")}:${TAG}"]
}

target "lint" {
  inherits = ["base-go"]
  target = "lint"
  output = ["type=cacheonly"]
}

target "test" {
  inherits = ["base-go"]
  target = "test"
  output = ["type=local,dest=./coverage"]
}
