group "default" {
  description = "file default"
  targets = ["zeta", "alpha"]
}
group "rel" { targets = ["default", "m"] }
target "zeta" {}
target "alpha" {}
target "m" {}
