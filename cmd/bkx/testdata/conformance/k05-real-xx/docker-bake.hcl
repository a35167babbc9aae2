// origin: tonistiigi/xx docker-bake.hcl (reduced)
variable "XX_REPO" {
    default = "tonistiigi/xx"
}

variable "TEST_BASE_TYPE" {
    default = "alpine"
}

variable "TEST_BASE_IMAGE" {
    default = TEST_BASE_TYPE == "alpine" ? "alpine:3.20" : TEST_BASE_TYPE == "debian" ? "debian:bookworm" : null
}

variable "DEV_SDK_PLATFORM" {
    default = null
}

variable "DEV_WITH_LD64" {}

// Special target: https://github.com/docker/metadata-action#bake-definition
target "meta-helper" {
    tags = ["${XX_REPO}:test"]
}

target "test-src" {
    context = "src"
}

target "test-alpine" {
    inherits = ["test-src"]
}

target "test-debian" {
    inherits = ["test-src"]
    args = {
        TEST_BASE_TYPE = "debian"
        TEST_BASE_IMAGE = "debian:bookworm"
    }
}

target "test-base" {
    inherits = ["test-${TEST_BASE_TYPE}"]
    output = ["type=cacheonly"]
}

group "test" {
    targets = [
        "test-info",
        "test-apk"
    ]
}

target "test-info" {
    inherits = ["test-base"]
    target = "test-info"
}

target "test-apk" {
    inherits = ["test-base"]
    target = "test-apk"
}

target "_all-platforms" {
    platforms = [
        "linux/386",
        "linux/arm/v5",
        "linux/mips64le",
        "linux/riscv64"
    ]
}

target "xx" {
    inherits = ["meta-helper"]
    context = "src"
    target = "xx"
}

target "xx-all" {
    inherits = ["xx", "_all-platforms"]
}

target "sdk-extras" {
    context = "src/sdk-extras"
    target = "sdk-extras"
    tags = ["${XX_REPO}:sdk-extras"]
    platforms = [
        "darwin/amd64",
        "freebsd/amd64",
        "linux/arm/v5",
        "windows/arm"
    ]
}

target "sdk-extras-dev" {
    inherits = ["sdk-extras"]
    platforms = DEV_SDK_PLATFORM == null ? null : [ DEV_SDK_PLATFORM ]
}

target "_ld-base" {
    context = "src/ld"
    contexts = {
        "tonistiigi/xx" = "target:xx"
    }
}

variable "BINUTILS_VERSION_ONLY" {
    default = ""
}

variable "BINUTILS_VERSION" {
    default = "2.42"
}

function "binutilsTag" {
    # this can be cleaned up in newer buildx
    params = [repo, version, version_only, target]
    result = ["${repo}:binutils-${version}-${target}-alpine", version_only=="1"?"":"${repo}:binutils-${target}-alpine"]
} 

target "binutils" {
    name = "binutils-${tgt}-alpine"
    inherits = ["_ld-base"]
    matrix = {
        tgt = [
            "linux-386",
            "linux-armv6",
            "windows-amd64"
        ]
    }
    target = "binutils"
    args = {
        BINUTILS_VERSION = BINUTILS_VERSION
        BINUTILS_TARGET = tgt
    }
    platforms = [
        "linux/amd64",
        "linux/arm"
    ]
    cache-from = [join("", ["type=registry,ref=", binutilsTag(XX_REPO, BINUTILS_VERSION, BINUTILS_VERSION_ONLY, tgt)[0]])]
    cache-to = ["type=inline"]
    tags = binutilsTag(XX_REPO, BINUTILS_VERSION, BINUTILS_VERSION_ONLY, tgt)
}

target "ld64" {
    inherits = ["_ld-base"]
    target = "ld64-signed-static"
}

target "dev" {
    context = "src"
    target = "dev"
    contexts = {
        "tonistiigi/xx" = "target:xx"
        "sdk-extras" = DEV_SDK_PLATFORM != null ? "target:sdk-extras-dev" : "docker-image://scratch"
        "ld64" = DEV_WITH_LD64 != "" ? "target:ld64" : "docker-image://scratch"
    }
    args = {
        TEST_BASE_TYPE = TEST_BASE_TYPE
        TEST_BASE_IMAGE = TEST_BASE_IMAGE
    }
    tags = [ "${XX_REPO}:dev" ]
    output = [
        "type=docker"
    ]
}
