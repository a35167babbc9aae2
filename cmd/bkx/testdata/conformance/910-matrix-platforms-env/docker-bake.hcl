variable "PLATFORMS" {
  type = list(string)
  default = ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/riscv64"]
}
target "binaries" {
  name = "bin-${lower(replace(replace(p, "/", "-"), "linux-", ""))}"
  matrix = {
    p = PLATFORMS
  }
  platforms = [p]
  target = "binaries"
  output = ["type=local,dest=./dist/${replace(p, "/", "_")}"]
  args = {
    TARGETPLATFORM_HINT = upper(p)
    IS_ARM = length(regexall("arm", p)) > 0
  }
}
group "release" {
  targets = ["bin-amd64", "bin-arm64"]
}
group "all" {
  targets = ["binaries"]
}
