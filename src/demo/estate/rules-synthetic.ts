import type { AlertRule, LocalizedText } from './rule-types.js';

// Exporter-style names (JvmHighMemory, EnvoyLatencyHigh, …) that fill the catalogue up to the 250 alert
// names a large estate has; only scale mode uses them.
const COMPONENTS: readonly [name: string, en: string, zh: string][] = [
  ['Jvm', 'JVM', 'JVM '],
  ['GoRuntime', 'Go runtime', 'Go 运行时'],
  ['Envoy', 'Envoy', 'Envoy '],
  ['Nginx', 'Nginx', 'Nginx '],
  ['Etcd', 'etcd', 'etcd '],
  ['CoreDns', 'CoreDNS', 'CoreDNS '],
  ['Ingress', 'Ingress', 'Ingress '],
  ['Grpc', 'gRPC', 'gRPC '],
  ['Dubbo', 'Dubbo', 'Dubbo '],
  ['RocketMq', 'RocketMQ', 'RocketMQ '],
  ['Zookeeper', 'ZooKeeper', 'ZooKeeper '],
  ['Mongo', 'MongoDB', 'MongoDB '],
  ['ClickHouse', 'ClickHouse', 'ClickHouse '],
  ['Consul', 'Consul', 'Consul '],
  ['Minio', 'MinIO', 'MinIO '],
  ['Hbase', 'HBase', 'HBase '],
];

const CONDITIONS: readonly [name: string, en: string, zh: string, unit: string][] = [
  ['HighCpu', 'CPU usage is high', 'CPU 使用率过高', '%'],
  ['HighMemory', 'memory usage is high', '内存使用率过高', '%'],
  ['Down', 'is down', '不可用', ' min'],
  ['ErrorsHigh', 'error rate is high', '错误率过高', '%'],
  ['LatencyHigh', 'latency is high', '延迟过高', 'ms'],
  ['SaturationHigh', 'is saturated', '饱和度过高', '%'],
  ['RestartsFrequent', 'restarts frequently', '频繁重启', ' restarts'],
  ['QueueBacklog', 'queue is backing up', '队列积压', ' messages'],
  ['ConnectionsExhausted', 'connection pool is exhausted', '连接池耗尽', '%'],
  ['FileDescriptorsHigh', 'is running out of file descriptors', '文件句柄即将耗尽', '%'],
  ['ThroughputDrop', 'throughput dropped', '吞吐量下降', '%'],
  ['TimeoutsHigh', 'timeouts are frequent', '超时过多', '/s'],
  ['ReplicaUnhealthy', 'has unhealthy replicas', '副本不健康', ' replicas'],
];

const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  '%': [70, 99],
  ' min': [1, 30],
  ms: [300, 5000],
  ' restarts': [3, 20],
  ' messages': [10_000, 900_000],
  '/s': [1, 300],
  ' replicas': [1, 4],
};

function text(en: string, zh: string): LocalizedText {
  return { en, zh };
}

/** Every component × condition pair as a rule for any application service. */
export function syntheticRules(): AlertRule[] {
  const rules: AlertRule[] = [];
  for (const [component, componentEn, componentZh] of COMPONENTS) {
    for (const [condition, conditionEn, conditionZh, unit] of CONDITIONS) {
      const [min, max] = RANGES[unit] ?? [1, 100];
      const metric = `${component}_${condition}`.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
      rules.push({
        name: `${component}${condition}`,
        severity: 'warning',
        kinds: ['api', 'worker', 'gateway'],
        scope: 'pod',
        profile: 'transient',
        weight: 0,
        expr: `${metric}{service="$service"} > 0`,
        value: [min, max, unit],
        summary: text(
          `${componentEn} ${conditionEn} on {pod} ({value})`,
          `{pod} 的 ${componentZh}${conditionZh}（{value}）`,
        ),
        description: text(
          `${componentEn} on {pod} of {service} in {cluster}: ${conditionEn} ({value}) for 10 minutes.`,
          `{cluster} 中 {service} 的 {pod} ${componentZh}${conditionZh}（{value}），已持续 10 分钟。`,
        ),
      });
    }
  }
  return rules;
}
