target "p" { dockerfile = "P.Dockerfile" }
target "a" {
  inherits = ["p"]
  tags = ["a"]
}
target "b" { args = { DF = target.a.dockerfile, T = target.a.tags[0] } }
