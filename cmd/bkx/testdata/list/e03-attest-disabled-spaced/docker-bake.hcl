variable "FLAG" {
  type = map(string)
  default = {  }
  description = "d"
}

variable "N" {
  type = map(any)
  default = FLAG
}

variable "TAG" {
  type = set(string)
  default = slice(["tool"], 0, 1)
}

variable "V3" {
  default = ""
}

function "fn0" {
  params = [p0]
  result = p0 == "" ? "e" : p0
}

target "base" {
  no-cache = null
  shm-size = "128m"
  attest = ["type=sbom, disabled=true", { type = 1, generator = "img", scan-context = "true" }]
  cache-to = ["type=registry,ref=r/c"]
}

target "web" {
  context = "../x"
  cache-from = []
  args = merge({  }, { z = "1" })
  contexts = { ctx = "./ctx", ctx = "./ctx" }
}

target "app" {
  network = "none"
  dockerfile-inline = csvdecode("a,b\n1,2")[0].a
  no-cache-filter = ["build"]
  args = {for x in TAG : x => upper(x)}
}
