variable "BAKE_LOCAL_PLATFORM" { default = "linux/s390x" }
target "default" {
  args = { IS_DEFAULT = BAKE_LOCAL_PLATFORM == "linux/s390x" }
}
