target "ta1" {}
target "tb2" {}
target "tc3" {}
target "ta" {}
