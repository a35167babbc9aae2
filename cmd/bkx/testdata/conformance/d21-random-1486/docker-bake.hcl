variable "FLAG" {
  type = bool
  default = true
}

variable "V1" {
  type = string
  default = "app"
}

variable "REPO" {
  type = number
  default = length([V1, "v1-${V1}", V1])
  validation {
    condition = REPO >= 0
    error_message = "bad REPO"
  }
}

target "web" {
  name = "web-${replace(item, ".", "_")}"
  matrix = { item = ["1.0", "2.0"] }
}

target "t-1" {
  target = "build"
  attest = []
  entitlements = []
  output = [{ "type" = "image", "name" = "n", push = "true" }, "type=cacheonly"]
  dockerfile-inline = "FROM alpine\nRUN echo $${X}\n"
  shm-size = "1g"
}

target "tool" {
  dockerfile-inline = <<EOT
FROM scratch
COPY . .
EOT
}

target "t_2" {

}

target "app" {
  name = "app-${plat}"
  matrix = { plat = ["x"] }
  call = "build"
  shm-size = "128m"
  dockerfile-inline = <<EOT
FROM scratch
COPY . .
EOT
  extra-hosts = { "my.host" = "1.2.3.4" }
}

group "default" {
  targets = []
}

group "all" {
  targets = ["t_2", "t-1", "web"]
}

group "ci" {
  targets = []
}
