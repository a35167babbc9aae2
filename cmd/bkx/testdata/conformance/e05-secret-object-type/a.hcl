function "fn0" {
  params = [p0, p1]
  result = "${p0}-x"
}

function "fn1" {
  params = [p0, p1]
  result = "${p0}-x"
}

target "app" {
  contexts = { ctx = "https://x.y/z.git" }
  network = "none"
  pull = false
  ulimits = []
  description = replace("v1", "a", "b")
}

target "test" {
  args = { K2 = k2 }
  name = "test-${item}-${k2}"
  matrix = { item = [], k2 = ["p", "q"] }
}

target "t_2" {

}

target "api" {
  name = "api-${replace(plat, ".", "_")}"
  matrix = { plat = ["1.0", "2.0"] }
  secret = ["type=env,id=B", { type = 1, id = "x" }]
  entitlements = []
  ulimits = ["core=0", "nproc=3"]
  cache-from = []
}

group "all" {
  targets = ["app", "test"]
}
