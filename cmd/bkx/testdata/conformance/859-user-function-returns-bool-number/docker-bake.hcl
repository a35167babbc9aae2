function "is_prod" {
  params = [env]
  result = env == "prod"
}
function "double" {
  params = [n]
  result = n * 2
}
target "default" {
  no-cache = is_prod("prod")
  args = { D = double(21), P = is_prod("dev") }
}
