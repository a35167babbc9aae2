target "a" {
  extra-hosts = { h1 = "1.1.1.1", h2 = "2.2.2.2" }
  ulimits = ["nofile=1:2"]
}
target "b" {
  inherits = ["a"]
  extra-hosts = { h2 = "9.9.9.9" }
  ulimits = ["nproc=3"]
}
target "default" {
  inherits = ["b"]
  ulimits = ["core=0"]
}
