target "base" { tags = ["base"] }
target "mid" {
  contexts = { b = "target:base" }
  output = ["type=docker"]
}
target "top" { contexts = { m = "target:mid" } }
