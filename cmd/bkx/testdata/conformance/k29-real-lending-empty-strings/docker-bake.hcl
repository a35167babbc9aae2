// origin: unidentified public repository (code-index file id 38323536419; a Cardano lending project docker-bake.hcl), reduced; its ssh = ["default"] lines removed because buildx --print fails without a usable SSH_AUTH_SOCK
variable "PRODUCTION" {
}

variable "TAG" {
  default = "latest"
}

variable "COMMIT_HASH" {
  default = ""
}

variable "REGISTRY" {
  default = "342832411065.dkr.ecr.eu-west-1.amazonaws.com"
}

variable "PUBLIC_REGISTRY" {
  default = "public.ecr.aws/z2l4u8l9"
}

variable "EXTERNAL_GIT_CONFIG" {
  default = ""
}

function "getSecret" {
  params = [secretKey, secretValue]
  result = notequal("",secretValue) ? "id=${secretKey},src=${secretValue}" : ""
}

variable "gitconfigSecrets" {
  default = [
    getSecret("gitconfig", EXTERNAL_GIT_CONFIG),
  ]
}

function "getTags" {
  params = [imageName]
  result = [
    notequal("",TAG) ? "${REGISTRY}/${imageName}:${TAG}" : "",
    notequal("",COMMIT_HASH) ? "${REGISTRY}/${imageName}:${COMMIT_HASH}" : "",
  ]
}

function "getPublicTags" {
  params = [imageName]
  result = [
    notequal("",TAG) ? "${PUBLIC_REGISTRY}/${imageName}:${TAG}" : "",
    notequal("",COMMIT_HASH) ? "${PUBLIC_REGISTRY}/${imageName}:${COMMIT_HASH}" : "",
  ]
}

group "builder" {
  targets = [
    "app-builder",
    "app-runner",
    "contract-builder",
  ]
}

group "default" {
  targets = [
    "lending-private-testnet",
    "lending-api",
    "lending-contracts-exporter-summary",
  ]
}

target "secp256k1" {
  dockerfile = "docker/secp256k1/Dockerfile"
}

target "cardano-private-testnet-base" {
  context = "docker/cardano-private-testnet-base/"
  tags = getPublicTags("cardano-private-testnet-base")
}

target "lending-private-testnet" {
  context = "docker/lending-private-testnet/"
  tags = getTags("lending-private-testnet")
}

target "contract-builder" {
  dockerfile = "docker/contract-builder/Dockerfile"
  target = "installer-${notequal("",PRODUCTION) ? "prod" : "dev"}"
  args = {
    "TAG": TAG
  }
  secret = gitconfigSecrets
}

target "app-builder-lib" {
  dockerfile = "docker/app-builder/Dockerfile"
  target = "builder-lib"
  contexts = {
    secp256k1 = "target:secp256k1"
  }
  args = {
    "TAG": TAG
  }
  secret = gitconfigSecrets
}

target "app-builder" {
  inherits = ["app-builder-lib"]
  target = "installer-${notequal("",PRODUCTION) ? "prod" : "dev"}"
}

target "app-runner" {
  dockerfile = "docker/app-runner/Dockerfile"
  contexts = {
    secp256k1 = "target:secp256k1"
    app-builder = "target:app-builder"
  }
}

target "lending-contracts-exporter" {
  dockerfile = "docker/lending-contracts-exporter/Dockerfile"
  contexts = {
    contract-builder = "target:contract-builder"
  }
}

target "lending-contracts-exporter-summary" {
  inherits = ["lending-contracts-exporter"]
  target = "summary"
  output = ["docker/out"]
}

target "app-base" {
  contexts = {
    app-builder = "target:app-builder"
    app-runner = "target:app-runner"
    lending-contracts-exporter = "target:lending-contracts-exporter"
  }
}

target "lending-api" {
  inherits = ["app-base"]
  dockerfile = "docker/lending-api/Dockerfile"
  tags = getTags("lending-api")
}
