variable "GO_VERSIONS" { default = "1.24,1.25,1.26" }
variable "LATEST" { default = "1.26" }
function "versions" {
  params = [csv]
  result = [for v in split(",", csv) : trimspace(v)]
}
target "go" {
  name = format("go-%s", replace(v, ".", ""))
  matrix = {
    v = versions(GO_VERSIONS)
  }
  args = { GO_VERSION = v }
  tags = concat(["acme/go:${v}"], v == LATEST ? ["acme/go:latest"] : [])
}
group "default" { targets = ["go"] }
group "latest-only" { targets = ["go-${replace(LATEST, ".", "")}"] }
