target "ref" {
  tags = [for t in target.web.tags : "${t}-ref"]
  args = target.web.args
}
target "child" {
  inherits = ["web"]
  tags = ["acme/child"]
}
group "default" { targets = ["web", "ref", "child"] }
