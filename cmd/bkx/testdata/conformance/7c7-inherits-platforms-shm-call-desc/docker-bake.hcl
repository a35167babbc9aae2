target "a" {
  platforms = ["linux/amd64", "linux/arm64"]
  shm-size = "64m"
  call = "check"
  description = "A"
}
target "b" {
  inherits = ["a"]
  platforms = ["linux/riscv64"]
  description = "B"
}
target "default" {
  inherits = ["b"]
  shm-size = "128m"
}
