// origin: aztfmod/rover docker-bake.hcl (reduced)
group "default" {
  targets = ["rover_local"]
}

target "rover_local" {
  dockerfile = "./Dockerfile"
  tags = ["${tag}"]
  args = {
    extensionsAzureCli   = extensionsAzureCli
    versionDockerCompose = versionDockerCompose
    versionGolang        = versionGolang
    versionKubectl       = versionKubectl
    versionRover         = versionRover
    versionTerraform     = versionTerraform
  }
  platforms = ["linux/amd64","linux/arm64" ]
  cache-to = ["type=local,dest=/tmp/.buildx-cache,mode=max"]
  cache-from = ["type=local,src=/tmp/.buildx-cache"]
}

target "rover_registry" {
  inherits = ["rover_local"]
  tags = ["${versionRover}"]
  args = {
    image     = versionRover
  }
}


variable "registry" {
    default = ""
}

variable "tag" {
    default = "latest"
}

variable "versionRover" {
    default = ""
}

variable "versionTerraform" {
    default = ""
}
