target "a" {
  tags = ["a"]
}
target "b" {
  description = "b"
}
group "default" {
  targets = [target.b.description, "a"]
}
