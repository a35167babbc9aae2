target "img" {
  name = "img-${item.id}"
  matrix = {
    item = [
      { id = "a", plat = ["linux/amd64"], ver = 1 },
      { id = "b", plat = ["linux/arm64", "linux/amd64"], ver = 2 },
    ]
  }
  platforms = item.plat
  args = { VER = item.ver }
  labels = { id = item.id }
  output = ["type=local,dest=out/${item.id}"]
}
