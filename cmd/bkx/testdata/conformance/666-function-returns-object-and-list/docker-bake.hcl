function "meta" {
  params = [n]
  result = { name = n, tags = ["${n}:1", "${n}:2"], port = 80 }
}
target "default" {
  tags = meta("app").tags
  args = { NAME = meta("app").name, PORT = meta("x").port }
  labels = { for k, v in meta("l") : k => jsonencode(v) }
}
