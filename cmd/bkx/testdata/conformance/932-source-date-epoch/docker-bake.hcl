variable "SOURCE_DATE_EPOCH" { default = "0" }
target "default" {
  args = {
    SOURCE_DATE_EPOCH = SOURCE_DATE_EPOCH
    BUILD_DATE = formatdate("YYYY-MM-DD", timeadd("1970-01-01T00:00:00Z", "${SOURCE_DATE_EPOCH}s"))
  }
  labels = { "org.opencontainers.image.created" = timeadd("1970-01-01T00:00:00Z", "${SOURCE_DATE_EPOCH}s") }
}
