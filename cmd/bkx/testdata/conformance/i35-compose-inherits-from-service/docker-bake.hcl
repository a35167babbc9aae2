target "child" {
  inherits = ["web"]
  tags = ["acme/child"]
}
group "default" { targets = ["web", "child"] }
