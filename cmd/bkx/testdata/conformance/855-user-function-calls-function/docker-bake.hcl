function "repo" {
  params = []
  result = "acme"
}
function "img" {
  params = [name]
  result = "${repo()}/${name}"
}
function "imgs" {
  params = [names]
  result = [for n in names : img(n)]
}
target "default" {
  tags = imgs(["a", "b"])
}
