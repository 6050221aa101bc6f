// 智能客服: the FAQ entries the bot answers from (question, other phrasings, keywords, answer, hits), the
// questions nothing answered, most asked first (one click starts an entry for it), and the desk's quick replies.
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { useAuth } from "../../lib/auth.tsx";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";

type Faq = Awaited<ReturnType<typeof loadFaq>>["items"][number];
type Draft = {
  id?: number;
  question: string;
  variants: string[];
  keywords: string[];
  answer: string;
  enabled: boolean;
};

const loadFaq = () => call(api.GET("/api/admin/v1/service/faq"));
const loadUnanswered = () =>
  call(api.GET("/api/admin/v1/service/unanswered", { params: { query: { limit: 20 } } }));
const loadQuick = () => call(api.GET("/api/admin/v1/service/quick-replies"));

export function FaqPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { failed, done } = useNotify();
  const [faq, setFaq] = useState<Faq[]>([]);
  const [unanswered, setUnanswered] = useState<Awaited<ReturnType<typeof loadUnanswered>>["items"]>([]);
  const [quick, setQuick] = useState<Awaited<ReturnType<typeof loadQuick>>["items"]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [form] = Form.useForm<Draft>();
  const [quickForm] = Form.useForm<{ title: string; body: string }>();
  const editable = can("settings.write");

  const reload = useCallback(() => {
    loadFaq().then((r) => setFaq(r.items), failed);
    loadUnanswered().then((r) => setUnanswered(r.items), failed);
    loadQuick().then((r) => setQuick(r.items), failed);
  }, [failed]);
  useEffect(reload, [reload]);

  const edit = (next: Draft) => {
    setDraft(next);
    form.setFieldsValue(next);
  };
  const save = async () => {
    const values = await form.validateFields();
    try {
      if (draft?.id) {
        await call(
          api.PATCH("/api/admin/v1/service/faq/{id}", { params: { path: { id: draft.id } }, body: values }),
        );
      } else {
        await call(api.POST("/api/admin/v1/service/faq", { body: values }));
      }
      setDraft(null);
      done();
      reload();
    } catch (error) {
      failed(error);
    }
  };
  const remove = async (id: number) => {
    try {
      await call(api.DELETE("/api/admin/v1/service/faq/{id}", { params: { path: { id } } }));
      reload();
    } catch (error) {
      failed(error);
    }
  };
  const addQuick = async (values: { title: string; body: string }) => {
    try {
      await call(api.POST("/api/admin/v1/service/quick-replies", { body: values }));
      quickForm.resetFields();
      reload();
    } catch (error) {
      failed(error);
    }
  };

  const empty: Draft = { question: "", variants: [], keywords: [], answer: "", enabled: true };
  return (
    <Row gutter={12}>
      <Col span={16}>
        <Card
          size="small"
          title={t("nav.serviceFaq")}
          extra={
            editable && (
              <Button type="primary" onClick={() => edit(empty)} data-testid="faq-new">
                {t("service.faq.new")}
              </Button>
            )
          }
        >
          <Table<Faq>
            rowKey="id"
            size="small"
            dataSource={faq}
            pagination={false}
            columns={[
              {
                title: t("service.faq.question"),
                render: (_, f) => (
                  <div>
                    <b>{f.question}</b>
                    <div>
                      {f.variants.map((v) => (
                        <Tag key={v}>{v}</Tag>
                      ))}
                    </div>
                  </div>
                ),
              },
              { title: t("service.faq.keywords"), render: (_, f) => f.keywords.join("、") },
              { title: t("service.faq.answer"), dataIndex: "answer" },
              { title: t("service.faq.hits"), dataIndex: "hits", width: 70 },
              { title: t("service.faq.enabled"), render: (_, f) => (f.enabled ? "✓" : "—"), width: 60 },
              {
                title: "",
                width: 120,
                render: (_, f) =>
                  editable && (
                    <Space>
                      <Button size="small" onClick={() => edit(f)}>
                        {t("common.edit")}
                      </Button>
                      <Popconfirm title={t("service.faq.deleteConfirm")} onConfirm={() => remove(f.id)}>
                        <Button size="small" danger>
                          {t("common.delete")}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title={t("service.unanswered")} data-testid="faq-unanswered">
          <List
            size="small"
            dataSource={unanswered}
            renderItem={(q) => (
              <List.Item
                extra={
                  editable && (
                    <Button size="small" onClick={() => edit({ ...empty, question: q.question })}>
                      {t("service.faq.write")}
                    </Button>
                  )
                }
              >
                <List.Item.Meta
                  title={q.question}
                  description={`${t("service.askedTimes", { n: q.count })} · ${formatTime(q.lastAt)}`}
                />
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title={t("service.quickReplies")} style={{ marginTop: 12 }}>
          <List
            size="small"
            dataSource={quick}
            renderItem={(q) => (
              <List.Item>
                <List.Item.Meta title={q.title} description={q.body} />
              </List.Item>
            )}
          />
          <Form form={quickForm} layout="vertical" onFinish={addQuick}>
            <Form.Item name="title" rules={[{ required: true, max: 30 }]}>
              <Input placeholder={t("service.quick.title")} />
            </Form.Item>
            <Form.Item name="body" rules={[{ required: true, max: 1000 }]}>
              <Input.TextArea placeholder={t("service.quick.body")} rows={2} />
            </Form.Item>
            <Button htmlType="submit">{t("service.quick.add")}</Button>
          </Form>
        </Card>
      </Col>
      <Modal
        open={draft !== null}
        title={t("nav.serviceFaq")}
        onOk={save}
        onCancel={() => setDraft(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={draft ?? empty}>
          <Form.Item name="question" label={t("service.faq.question")} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="faq-question" />
          </Form.Item>
          <Form.Item name="variants" label={t("service.faq.variants")}>
            <Select mode="tags" tokenSeparators={["\n"]} />
          </Form.Item>
          <Form.Item name="keywords" label={t("service.faq.keywords")}>
            <Select mode="tags" tokenSeparators={[",", "，", " "]} />
          </Form.Item>
          <Form.Item name="answer" label={t("service.faq.answer")} rules={[{ required: true, max: 1000 }]}>
            <Input.TextArea rows={3} data-testid="faq-answer" />
          </Form.Item>
          <Form.Item name="enabled" label={t("service.faq.enabled")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
