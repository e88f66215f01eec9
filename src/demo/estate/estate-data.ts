import type { BusinessLine, Cluster, Service, ServiceKind, Team } from './estate-types.js';

/** The four business lines and the shared platform. */
export const BUSINESS_LINES: readonly BusinessLine[] = [
  { id: 'payments', name: 'Payments', nameZh: '支付' },
  { id: 'trading', name: 'Trading & Orders', nameZh: '交易' },
  { id: 'identity', name: 'Identity & Accounts', nameZh: '用户' },
  { id: 'logistics', name: 'Logistics', nameZh: '物流' },
  // Shared infrastructure is not a business line, but every alert needs a business_line label.
  { id: 'platform', name: 'Platform', nameZh: '基础平台' },
];

// Tables below are kept one row per line (prettier-ignore) so the company reads like a spreadsheet.
// prettier-ignore
const TEAM_ROWS: readonly [Team['id'], Team['name'], Team['nameZh'], Team['businessLine'], Team['annotationLanguage']][] = [
  ['sre-platform', 'SRE Platform', 'SRE 平台组', 'platform', 'bilingual'],
  ['middleware', 'Middleware', '中间件组', 'platform', 'bilingual'],
  ['dba', 'DBA', '数据库组', 'platform', 'zh'],
  ['edge', 'Edge & BFF', '接入层组', 'platform', 'bilingual'],
  ['identity-core', 'Identity Core', '账号核心组', 'identity', 'bilingual'],
  ['identity-growth', 'Identity Growth', '会员增长组', 'identity', 'bilingual'],
  ['payments-core', 'Payments Core', '支付核心组', 'payments', 'zh'],
  ['payments-channel', 'Payment Channels', '支付渠道组', 'payments', 'bilingual'],
  ['risk-control', 'Risk Control', '风控组', 'payments', 'zh'],
  ['trading-order', 'Orders', '订单组', 'trading', 'zh'],
  ['trading-marketing', 'Marketing', '营销组', 'trading', 'bilingual'],
  ['trading-search', 'Search & Catalog', '搜索商品组', 'trading', 'bilingual'],
  ['logistics', 'Logistics', '物流组', 'logistics', 'bilingual'],
];

/** Teams that own services and receive their alerts. */
export const TEAMS: readonly Team[] = TEAM_ROWS.map(
  ([id, name, nameZh, businessLine, annotationLanguage]) => ({
    id,
    name,
    nameZh,
    businessLine,
    annotationLanguage,
  }),
);

// id, region, region (zh), env, pod network octet (10.<octet>.x.y), nodes
// prettier-ignore
const CLUSTER_ROWS: readonly [string, string, string, Cluster['env'], number, number][] = [
  ['sh-prod-a', 'Shanghai', '上海', 'prod', 20, 24],
  ['sh-prod-b', 'Shanghai', '上海', 'prod', 21, 18],
  ['bj-prod-a', 'Beijing', '北京', 'prod', 22, 20],
  ['bj-prod-b', 'Beijing', '北京', 'prod', 23, 12],
  ['hz-prod-a', 'Hangzhou', '杭州', 'prod', 24, 16],
  ['sz-prod-a', 'Shenzhen', '深圳', 'prod', 25, 14],
  ['gz-prod-a', 'Guangzhou', '广州', 'prod', 26, 10],
  ['cd-prod-a', 'Chengdu', '成都', 'prod', 27, 10],
  ['sg-prod-1', 'Singapore', '新加坡', 'prod', 28, 12],
  ['fra-prod-1', 'Frankfurt', '法兰克福', 'prod', 29, 8],
  ['sh-staging-a', 'Shanghai', '上海', 'staging', 40, 8],
  ['bj-staging-a', 'Beijing', '北京', 'staging', 41, 6],
];

/** Ten production and two staging Kubernetes clusters in six regions. */
export const CLUSTERS: readonly Cluster[] = CLUSTER_ROWS.map(
  ([id, region, regionZh, env, networkOctet, nodeCount]) => ({
    id,
    region,
    regionZh,
    env,
    networkOctet,
    nodeCount,
  }),
);

// Deployment footprints, so each service line below stays short.
const EVERYWHERE = CLUSTERS.map((cluster) => cluster.id);
const CORE = ['sh-prod-a', 'sh-prod-b', 'bj-prod-a', 'sh-staging-a'];
const PAY = ['sh-prod-a', 'sh-prod-b', 'cd-prod-a', 'sg-prod-1', 'sh-staging-a'];
const TRADE = ['sh-prod-a', 'hz-prod-a', 'bj-prod-a', 'sh-staging-a'];
const IDENTITY = ['bj-prod-a', 'bj-prod-b', 'fra-prod-1', 'bj-staging-a'];
const LOGISTICS = ['sz-prod-a', 'gz-prod-a', 'bj-staging-a'];
const EDGE = ['sh-prod-a', 'sh-prod-b', 'bj-prod-a', 'bj-prod-b', 'sg-prod-1', 'fra-prod-1', 'sh-staging-a'];

type Row = [
  id: string,
  nameZh: string,
  team: string,
  kind: ServiceKind,
  tier: 1 | 2 | 3,
  namespace: string,
  port: number,
  runtime: Service['runtime'],
  replicas: number,
  clusters: readonly string[],
  dependsOn: readonly string[],
];

// One line per service. Dependencies point at services that must keep working for this one to work.
// prettier-ignore
const ROWS: readonly Row[] = [
  ['kubernetes', 'Kubernetes 节点', 'sre-platform', 'kubernetes', 1, 'kube-system', 10250, 'go', 0, EVERYWHERE, []],
  ['config-center', '配置中心', 'middleware', 'config', 1, 'middleware', 8848, 'java', 3, EVERYWHERE, []],
  ['mysql-payment', '支付库', 'dba', 'mysql', 1, 'database', 3306, 'native', 3, PAY, []],
  ['mysql-order', '订单库', 'dba', 'mysql', 1, 'database', 3306, 'native', 3, TRADE, []],
  ['mysql-user', '用户库', 'dba', 'mysql', 1, 'database', 3306, 'native', 3, IDENTITY, []],
  ['redis-session', '会话缓存', 'middleware', 'redis', 1, 'middleware', 6379, 'native', 6, [...IDENTITY, 'sh-prod-a'], []],
  ['redis-cache', '通用缓存', 'middleware', 'redis', 2, 'middleware', 6379, 'native', 6, CORE, []],
  ['kafka-main', '主消息队列', 'middleware', 'kafka', 1, 'middleware', 9092, 'java', 5, CORE, []],
  ['elasticsearch-search', '搜索集群', 'trading-search', 'elasticsearch', 2, 'middleware', 9200, 'java', 5, TRADE, []],
  ['account-service', '账号服务', 'identity-core', 'api', 1, 'identity', 8080, 'java', 6, IDENTITY, ['mysql-user', 'redis-session', 'config-center']],
  ['auth-service', '认证服务', 'identity-core', 'api', 1, 'identity', 8080, 'go', 8, [...IDENTITY, 'sh-prod-a'], ['account-service', 'redis-session']],
  ['sms-otp', '短信验证码', 'identity-core', 'worker', 2, 'identity', 8080, 'go', 3, IDENTITY, ['kafka-main', 'config-center']],
  ['user-profile', '用户资料', 'identity-growth', 'api', 2, 'identity', 8080, 'java', 4, IDENTITY, ['mysql-user', 'redis-cache']],
  ['passport-api', '登录接入', 'identity-core', 'api', 1, 'identity', 8080, 'go', 6, IDENTITY, ['auth-service', 'sms-otp']],
  ['kyc-verification', '实名认证', 'identity-growth', 'worker', 2, 'identity', 8080, 'python', 3, IDENTITY, ['user-profile', 'kafka-main']],
  ['member-points', '会员积分', 'identity-growth', 'api', 3, 'identity', 8080, 'java', 3, IDENTITY, ['mysql-user', 'kafka-main']],
  ['ledger', '账务核心', 'payments-core', 'api', 1, 'payments', 8080, 'java', 6, PAY, ['mysql-payment', 'kafka-main']],
  ['risk-engine', '风控引擎', 'risk-control', 'api', 1, 'payments', 8080, 'java', 8, PAY, ['redis-cache', 'kafka-main', 'user-profile']],
  ['channel-alipay', '支付宝渠道', 'payments-channel', 'api', 1, 'payments', 8080, 'java', 4, PAY, ['config-center']],
  ['channel-wechatpay', '微信支付渠道', 'payments-channel', 'api', 1, 'payments', 8080, 'java', 4, PAY, ['config-center']],
  ['channel-unionpay', '银联渠道', 'payments-channel', 'api', 2, 'payments', 8080, 'java', 3, PAY, ['config-center']],
  ['payment-router', '支付路由', 'payments-channel', 'api', 1, 'payments', 8080, 'go', 6, PAY, ['channel-alipay', 'channel-wechatpay', 'channel-unionpay', 'config-center']],
  ['payment-core', '支付核心', 'payments-core', 'api', 1, 'payments', 8080, 'java', 10, PAY, ['payment-router', 'ledger', 'risk-engine', 'mysql-payment', 'redis-cache', 'kafka-main']],
  ['refund-service', '退款服务', 'payments-core', 'api', 2, 'payments', 8080, 'java', 4, PAY, ['payment-core', 'ledger']],
  ['settlement-batch', '清结算', 'payments-core', 'worker', 2, 'payments', 8080, 'java', 2, PAY, ['ledger', 'mysql-payment']],
  ['payment-api', '收银台接口', 'payments-core', 'api', 1, 'payments', 8080, 'go', 8, PAY, ['payment-core', 'auth-service']],
  ['product-catalog', '商品中心', 'trading-search', 'api', 2, 'trading', 8080, 'java', 6, TRADE, ['elasticsearch-search', 'redis-cache', 'mysql-order']],
  ['search-service', '搜索服务', 'trading-search', 'api', 2, 'trading', 8080, 'java', 6, TRADE, ['elasticsearch-search', 'product-catalog']],
  ['inventory', '库存服务', 'trading-order', 'api', 1, 'trading', 8080, 'java', 6, TRADE, ['mysql-order', 'redis-cache']],
  ['pricing', '价格服务', 'trading-marketing', 'api', 1, 'trading', 8080, 'go', 6, TRADE, ['product-catalog', 'redis-cache']],
  ['promotion', '促销服务', 'trading-marketing', 'api', 2, 'trading', 8080, 'java', 4, TRADE, ['pricing', 'mysql-order']],
  ['coupon', '优惠券', 'trading-marketing', 'api', 2, 'trading', 8080, 'java', 4, TRADE, ['promotion', 'redis-cache']],
  ['cart-service', '购物车', 'trading-order', 'api', 2, 'trading', 8080, 'go', 6, TRADE, ['redis-cache', 'pricing', 'inventory']],
  ['order-service', '订单服务', 'trading-order', 'api', 1, 'trading', 8080, 'java', 10, TRADE, ['mysql-order', 'kafka-main', 'inventory', 'pricing', 'coupon']],
  ['checkout', '结算下单', 'trading-order', 'api', 1, 'trading', 8080, 'java', 8, TRADE, ['cart-service', 'order-service', 'payment-api']],
  ['order-api', '订单接口', 'trading-order', 'api', 1, 'trading', 8080, 'go', 6, TRADE, ['order-service', 'auth-service']],
  ['address-service', '地址服务', 'logistics', 'api', 3, 'logistics', 8080, 'go', 3, LOGISTICS, ['mysql-user']],
  ['warehouse-wms', '仓储系统', 'logistics', 'api', 2, 'logistics', 8080, 'java', 4, LOGISTICS, ['kafka-main', 'mysql-order']],
  ['fulfillment', '履约服务', 'logistics', 'worker', 2, 'logistics', 8080, 'java', 4, LOGISTICS, ['kafka-main', 'warehouse-wms', 'order-service']],
  ['shipping-tracker', '物流轨迹', 'logistics', 'worker', 3, 'logistics', 8080, 'python', 3, LOGISTICS, ['kafka-main', 'elasticsearch-search']],
  ['delivery-dispatch', '配送调度', 'logistics', 'api', 2, 'logistics', 8080, 'go', 4, LOGISTICS, ['fulfillment', 'address-service', 'redis-cache']],
  ['web-bff', 'Web 聚合层', 'edge', 'api', 1, 'edge', 3000, 'node', 8, EDGE, ['order-api', 'checkout', 'search-service', 'user-profile', 'passport-api']],
  ['mobile-bff', 'App 聚合层', 'edge', 'api', 1, 'edge', 3000, 'node', 10, EDGE, ['order-api', 'checkout', 'search-service', 'user-profile', 'passport-api', 'member-points']],
  ['api-gateway', 'API 网关', 'edge', 'gateway', 1, 'edge', 443, 'go', 8, EDGE, ['web-bff', 'mobile-bff', 'payment-api', 'auth-service']],
];

const TEAM_LINE = new Map(TEAMS.map((team) => [team.id, team.businessLine]));

/** The 44 services, in dependency order (a service only depends on services listed above it). */
export const SERVICES: readonly Service[] = ROWS.map(
  ([id, nameZh, team, kind, tier, namespace, port, runtime, replicas, clusters, dependsOn]) => ({
    id,
    nameZh,
    team,
    businessLine: TEAM_LINE.get(team) ?? 'platform',
    kind,
    tier,
    namespace,
    port,
    runtime,
    replicas,
    clusters,
    dependsOn,
  }),
);
