group "all" {
  description = "everything"
  targets = ["fe", "be", "fe"]
}
group "fe" {
  description = "frontend"
  targets = ["web", "admin"]
}
group "be" { targets = ["api", "web"] }
target "web" {}
target "admin" {}
target "api" {}
