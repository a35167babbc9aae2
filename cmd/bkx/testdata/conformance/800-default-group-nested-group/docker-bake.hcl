group "default" {
  targets = ["backend", "fe"]
}
group "backend" {
  targets = ["api", "db"]
}
target "fe" { tags = ["fe"] }
target "api" { tags = ["api"] }
target "db" { dockerfile = "db.Dockerfile" }
