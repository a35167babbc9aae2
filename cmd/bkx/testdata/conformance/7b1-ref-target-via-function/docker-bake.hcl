target "src" {
  tags = ["s"]
}
function "f" {
  params = []
  result = target.src.tags
}
target "default" {
  tags = f()
}
