target "t" {
  name = "t-${n}-${b}-${replace("${f}", ".", "p")}"
  matrix = {
    n = [1, 10]
    b = [true]
    f = [0.5]
  }
  args = { N = n, B = b, F = f, SUM = n + f }
  shm-size = "${n}m"
  no-cache = b
}
