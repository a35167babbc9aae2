group "default" {
  description = "all"
  targets = ["inner"]
}
group "inner" {
  description = "inner group"
  targets = ["x"]
}
target "x" { description = "the x" }
